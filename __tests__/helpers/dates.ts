/**
 * Dates for waivers in tests, from the clock: a waiver may expire at most `waiverMaxDays` (365 by
 * default) after today, so a fixed date far ahead is refused, and a fixed date near would expire
 * while the tests stay the same.
 */
import { addDays, todayUtc } from '../../checks/waivers';

/** `YYYY-MM-DD`, `days` after today (UTC); before it when negative. */
export const inDays = (days: number): string => addDays(todayUtc(), days);
