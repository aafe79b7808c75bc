package io.daas.builder.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.util.function.Consumer;

/** Receives the engine's build stream: assembles lines, and keeps the image id or the error. */
final class BuildOutputCallback extends ResultCallback.Adapter<BuildResponseItem> {

    private final LineAssembler lines;
    private volatile String imageId;
    private volatile String error;
    private volatile Throwable failure;

    BuildOutputCallback(Consumer<BuildLogLine> logs) {
        this.lines = new LineAssembler(logs);
    }

    @Override
    public void onNext(BuildResponseItem item) {
        synchronized (lines) {
            lines.accept(item.getStream());
        }
        if (item.isErrorIndicated()) {
            String message =
                    item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage()
                            : item.getError();
            error = message;
            synchronized (lines) {
                lines.flush();
                lines.accept(message + "\n");
            }
        }
        if (item.isBuildSuccessIndicated() && item.getImageId() != null) {
            imageId = item.getImageId();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        super.onError(throwable);
    }

    @Override
    public void onComplete() {
        synchronized (lines) {
            lines.flush();
        }
        super.onComplete();
    }

    String imageId() {
        return imageId;
    }

    String error() {
        return error;
    }

    Throwable failure() {
        return failure;
    }
}
