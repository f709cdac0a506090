package dev.formgate.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    @Test
    void waiting_times_are_said_in_units_a_visitor_can_act_on() {
        assertEquals("1 second", Throttle.waitingTime(1));
        assertEquals("45 seconds", Throttle.waitingTime(45));
        assertEquals("about 2 minutes", Throttle.waitingTime(100));
        assertEquals("about 1 hour", Throttle.waitingTime(3599));
        assertEquals("about 5 hours", Throttle.waitingTime(5 * 3600 - 10));
    }
}
