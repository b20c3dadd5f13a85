package dev.slipway.disk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExtentListTest {

    @Test
    void mergesTouchingRangesAndSkipsEmptyOnes() {
        ExtentList list = new ExtentList().add(0, 10).add(10, 5).add(20, 0).add(30, 1).add(31, 1);
        assertEquals(List.of(new Extent(0, 15), new Extent(30, 2)), list.toList());
        list.add(40, 2);
        assertEquals(List.of(new Extent(0, 15), new Extent(30, 2), new Extent(40, 2)), list.toList());
    }

    @Test
    void refusesRangesOutOfOrder() {
        ExtentList list = new ExtentList().add(100, 10);
        assertThrows(IllegalArgumentException.class, () -> list.add(105, 10));
        assertThrows(IllegalArgumentException.class, () -> new Extent(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Extent(0, 0));
    }
}
