package io.daas.builder.execution;

import io.daas.builder.engine.BuiltImage;
import io.daas.builder.push.PushOutcome;
import io.daas.builder.push.PushService;
import io.daas.builder.verify.Attestations;
import org.springframework.stereotype.Component;

/**
 * The build's last step: pushes the image when the build asked for it, then ends the build:
 * successful (with its provenance), or failed by the push with its image kept.
 */
@Component
class PushStep {

    private static final int PUSHING = 96;

    private final PushService pushes;
    private final Attestations attestations;

    PushStep(PushService pushes, Attestations attestations) {
        this.pushes = pushes;
        this.attestations = attestations;
    }

    void run(RunningBuild running, BuiltImage image, String tag) {
        PushOutcome pushed = pushes.pushAfterBuild(running.id(), image, step -> running.step(step, PUSHING));
        if (pushed.succeeded()) {
            attestations.attest(running.build(), image, tag);
            running.succeed(image, tag);
        } else {
            running.failPush(image, tag, pushed.error());
        }
    }
}
