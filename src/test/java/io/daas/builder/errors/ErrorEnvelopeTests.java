package io.daas.builder.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.bundle.BundleNotFoundException;
import io.daas.builder.bundle.BundleTooLargeException;
import io.daas.builder.bundle.InvalidBundleException;
import io.daas.builder.engine.EngineUnavailableException;
import io.daas.builder.lifecycle.QueueFullException;
import io.daas.builder.registry.PushForbiddenException;
import io.daas.builder.walrus.WalrusException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class ErrorEnvelopeTests {

    @Test
    void theEnvelopeIsSuccessFalseWithTheKindsTitleAndTheMessageEscaped() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ErrorEnvelope.write(response, ErrorAnswer.of(ErrorKind.INVALID_REQUEST, "bundleId \"x\"\nis required"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString())
                .isEqualTo("{\"success\":false,\"error\":\"Validation Error\",\"message\":\"bundleId \\\"x\\\"\\nis"
                        + " required\"}");
        assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
        assertThat(response.getHeader("Retry-After")).isNull();
        assertThat(response.isCommitted()).isTrue();
    }

    @Test
    void aLimitSaysWhenToComeBackInRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ErrorEnvelope.write(response, ErrorAnswer.of(new QueueFullException(7)));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(response.getContentAsString())
                .startsWith(
                        "{\"success\":false,\"error\":\"Too Many Requests\",\"message\":\"The build queue is full (7");
    }

    @Test
    void eachPackagesExceptionAnswersWithItsKindsStatusAndTitle() {
        assertThat(ErrorAnswer.of(new InvalidBundleException("entry ../x leaves the folder")))
                .extracting(ErrorAnswer::status, ErrorAnswer::error, ErrorAnswer::message)
                .containsExactly(400, "Invalid Bundle", "entry ../x leaves the folder");
        assertThat(ErrorAnswer.of(new BundleNotFoundException("Bundle b not found")))
                .extracting(ErrorAnswer::status, ErrorAnswer::error)
                .containsExactly(404, "Not Found");
        assertThat(ErrorAnswer.of(new BundleTooLargeException(10)))
                .extracting(ErrorAnswer::status, ErrorAnswer::error)
                .containsExactly(413, "Payload Too Large");
        assertThat(ErrorAnswer.of(new PushForbiddenException("another tenant's namespace")))
                .extracting(ErrorAnswer::status, ErrorAnswer::error)
                .containsExactly(403, "Forbidden");
        assertThat(ErrorAnswer.of(new EngineUnavailableException("engine at unix:///x did not answer", null)))
                .extracting(ErrorAnswer::status, ErrorAnswer::error, ErrorAnswer::message)
                .containsExactly(503, "Service Unavailable", "engine at unix:///x did not answer");
    }

    @Test
    void aFailureWithoutADesignedAnswerIsAnInternalErrorWhoseMessageStaysInTheLog() {
        ErrorAnswer answer = ErrorAnswer.of(new WalrusException("aggregator 10.0.0.7 answered 500"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.error()).isEqualTo("Internal Server Error");
        assertThat(answer.message()).isEqualTo(ErrorKind.INTERNAL_MESSAGE).doesNotContain("10.0.0.7");
    }
}
