package io.daas.builder.execution;

import io.daas.builder.engine.BuiltImage;
import io.daas.builder.push.PushOutcome;
import io.daas.builder.push.PushService;
import io.daas.builder.verify.VerifiableSteps;
import org.springframework.stereotype.Component;

/**
 * The build's last step: pushes the image when the build asked for it, then ends the build:
 * successful (with its provenance), or failed by the push with its image kept.
 */
@Component
class PushStep {

    private static final int PUSHING = 96;

    private final PushService pushes;
    private final VerifiableSteps verifiable;

    PushStep(PushService pushes, VerifiableSteps verifiable) {
        this.pushes = pushes;
        this.verifiable = verifiable;
    }

    void run(RunningBuild running, BuiltImage image, String tag) {
        PushOutcome pushed = pushes.pushAfterBuild(running.id(), image, step -> running.step(step, PUSHING));
        if (pushed.succeeded()) {
            verifiable.attest(running.build(), image, tag);
            running.succeed(image, tag);
        } else {
            running.failPush(image, tag, pushed.error());
        }
    }
}
