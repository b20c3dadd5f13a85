package dev.slipway.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void numbersCompareAsNumbers() {
        assertTrue(Versions.compare("0.10.0", "0.9.0") > 0);
        assertTrue(Versions.compare("2", "10") < 0);
        assertEquals(0, Versions.compare("1.02", "1.2"));
    }

    @Test
    void aLongerVersionIsNewerAndATildeOlder() {
        assertTrue(Versions.compare("1.0.1", "1.0") > 0);
        assertTrue(Versions.compare("1.0~rc1", "1.0") < 0);
        assertTrue(Versions.compare("1.0~rc2", "1.0~rc1") > 0);
    }

    @Test
    void sortsLikeABootLoaderList() {
        List<String> sorted = List.of("2.0", "0.9", "1.0~rc1", "1.0", "1.0.1", "10.0").stream()
                .sorted(Versions.ORDER).toList();
        assertEquals(List.of("0.9", "1.0~rc1", "1.0", "1.0.1", "2.0", "10.0"), sorted);
    }
}
