package dev.slipway.agent.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.agent.fetch.FetchException.Reason;
import org.junit.jupiter.api.Test;

/** Which failures the caller may expect to clear up by the next poll. */
class FetchExceptionTest {

    private static FetchException of(Reason reason, int status) {
        return new FetchException(reason, "http://127.0.0.1/x", status, "http://127.0.0.1/x: test", null);
    }

    @Test
    void networkTroubleIsTransient() {
        for (Reason r : new Reason[] {Reason.TRUNCATED, Reason.TIMEOUT, Reason.STALLED, Reason.CONNECTION}) {
            assertTrue(of(r, 0).transientFailure(), r.name());
        }
    }

    @Test
    void wrongContentIsNot() {
        for (Reason r : new Reason[] {Reason.NOT_FOUND, Reason.TOO_LARGE, Reason.BAD_RESPONSE, Reason.IO}) {
            assertFalse(of(r, 0).transientFailure(), r.name());
        }
        assertFalse(of(Reason.NOT_FOUND, 404).transientFailure());
    }

    @Test
    void statusesForPassingTroubleAreTransient() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(of(Reason.HTTP_STATUS, status).transientFailure(), "HTTP " + status);
        }
        for (int status : new int[] {301, 400, 401, 403, 405, 416}) {
            assertFalse(of(Reason.HTTP_STATUS, status).transientFailure(), "HTTP " + status);
        }
    }

    @Test
    void carriesItsContext() {
        FetchException e = of(Reason.HTTP_STATUS, 503);
        assertEquals("http://127.0.0.1/x", e.url());
        assertEquals(503, e.status());
        assertEquals(Reason.HTTP_STATUS, e.reason());
    }
}
