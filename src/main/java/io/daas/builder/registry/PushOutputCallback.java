package io.daas.builder.registry;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Receives the engine's push stream and keeps the two things that matter: the digest or the error. */
final class PushOutputCallback extends ResultCallback.Adapter<PushResponseItem> {

    // The engine's closing status line, like "ID: digest: sha256:abc... size: 527".
    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private volatile String digest;
    private volatile String error;
    private volatile Throwable failure;

    @Override
    public void onNext(PushResponseItem item) {
        if (item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        } else if (digest == null && item.getStatus() != null) {
            Matcher m = DIGEST.matcher(item.getStatus());
            if (m.find()) {
                digest = m.group(1);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        super.onError(throwable);
    }

    String digest() {
        return digest;
    }

    String error() {
        return error;
    }

    Throwable failure() {
        return failure;
    }
}
