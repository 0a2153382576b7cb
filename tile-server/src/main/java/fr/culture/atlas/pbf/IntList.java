package fr.culture.atlas.pbf;

import java.util.Arrays;

/** A growable list of ints without boxing: geometry commands and tag indexes before they are packed. */
public final class IntList {
    private int[] items = new int[256];
    private int size;

    public void add(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    public void addAll(IntList other) {
        if (size + other.size > items.length) {
            items = Arrays.copyOf(items, Math.max(items.length * 2, size + other.size));
        }
        System.arraycopy(other.items, 0, items, size, other.size);
        size += other.size;
    }

    public int get(int i) {
        return items[i];
    }

    public int size() {
        return size;
    }

    public void truncate(int newSize) {
        size = Math.min(size, newSize);
    }

    public void clear() {
        size = 0;
    }
}
