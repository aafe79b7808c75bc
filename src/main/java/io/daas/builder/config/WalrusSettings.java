package io.daas.builder.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Where Walrus is and how hard to try it.
 *
 * @param aggregator base URL blobs are read from ({@code WALRUS_AGGREGATOR}, default the testnet aggregator)
 * @param publisher base URL uploads are stored through ({@code WALRUS_PUBLISHER}, default the testnet publisher)
 * @param upload whether uploads are also stored in Walrus through the publisher ({@code WALRUS_UPLOAD}, default false)
 * @param epochs how many storage epochs an upload is paid for ({@code WALRUS_EPOCHS}, default 1)
 * @param fetchTimeout how long a read retries 404, 5xx and timeouts ({@code WALRUS_FETCH_TIMEOUT}, seconds, default 30)
 */
public record WalrusSettings(
        @DefaultValue("https://aggregator.walrus-testnet.walrus.space")
        String aggregator,

        @DefaultValue("https://publisher.walrus-testnet.walrus.space")
        String publisher,

        @DefaultValue("false") boolean upload,
        @DefaultValue("1") int epochs,

        @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS)
        Duration fetchTimeout) {

    /** Whether uploads go to the publisher: only when asked for and a publisher is named. */
    public boolean uploadsToWalrus() {
        return upload && publisher != null && !publisher.isBlank();
    }
}
