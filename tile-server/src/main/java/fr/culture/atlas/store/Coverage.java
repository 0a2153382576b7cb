package fr.culture.atlas.store;

/**
 * How much of a computed value's members had data: a département's municipal spending is the sum
 * over its communes that report it (only those of 3,500 inhabitants and more do), so it says so.
 *
 * @param from       level id of the members
 * @param counted    members whose value was used
 * @param members    members in all
 * @param population share of the members' population that was counted (0 to 1), over the members
 *                   whose population is known; null when none is
 */
public record Coverage(String from, int counted, int members, Double population) {

    /** Whether some members had no value: the figure covers only part of the territory. */
    public boolean partial() {
        return counted < members;
    }
}
