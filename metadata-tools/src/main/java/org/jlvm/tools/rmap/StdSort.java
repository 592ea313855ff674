package org.jlvm.tools.rmap;

import java.util.Comparator;
import java.util.List;

/**
 * The GNU libstdc++ {@code std::sort} (introsort, median-of-three, final insertion sort). It is not stable;
 * 0.9.0 thin_rmap sorts by data block only, so reproducing its exact order of equal keys needs this algorithm.
 */
final class StdSort {
    private static final int THRESHOLD = 16;

    private StdSort() {
    }

    static <T> void sort(List<T> a, Comparator<T> c) {
        int n = a.size();
        if (n < 2) {
            return;
        }
        introsortLoop(a, 0, n, 2 * (31 - Integer.numberOfLeadingZeros(n)), c);
        finalInsertionSort(a, 0, n, c);
    }

    private static <T> boolean less(List<T> a, int i, int j, Comparator<T> c) {
        return c.compare(a.get(i), a.get(j)) < 0;
    }

    private static <T> void swap(List<T> a, int i, int j) {
        T t = a.get(i);
        a.set(i, a.get(j));
        a.set(j, t);
    }

    private static <T> void introsortLoop(List<T> a, int first, int last, int depth, Comparator<T> c) {
        while (last - first > THRESHOLD) {
            if (depth == 0) {
                heapSort(a, first, last, c);
                return;
            }
            depth--;
            int mid = first + (last - first) / 2;
            moveMedianToFirst(a, first, first + 1, mid, last - 1, c);
            int cut = unguardedPartition(a, first + 1, last, first, c);
            introsortLoop(a, cut, last, depth, c);
            last = cut;
        }
    }

    private static <T> void moveMedianToFirst(List<T> a, int result, int x, int y, int z, Comparator<T> c) {
        if (less(a, x, y, c)) {
            if (less(a, y, z, c)) {
                swap(a, result, y);
            } else if (less(a, x, z, c)) {
                swap(a, result, z);
            } else {
                swap(a, result, x);
            }
        } else if (less(a, x, z, c)) {
            swap(a, result, x);
        } else if (less(a, y, z, c)) {
            swap(a, result, z);
        } else {
            swap(a, result, y);
        }
    }

    private static <T> int unguardedPartition(List<T> a, int first, int last, int pivot, Comparator<T> c) {
        while (true) {
            while (less(a, first, pivot, c)) {
                first++;
            }
            last--;
            while (less(a, pivot, last, c)) {
                last--;
            }
            if (first >= last) {
                return first;
            }
            swap(a, first, last);
            first++;
        }
    }

    private static <T> void finalInsertionSort(List<T> a, int first, int last, Comparator<T> c) {
        if (last - first > THRESHOLD) {
            insertionSort(a, first, first + THRESHOLD, c);
            for (int i = first + THRESHOLD; i < last; i++) {
                unguardedLinearInsert(a, i, c);
            }
        } else {
            insertionSort(a, first, last, c);
        }
    }

    private static <T> void insertionSort(List<T> a, int first, int last, Comparator<T> c) {
        if (first == last) {
            return;
        }
        for (int i = first + 1; i < last; i++) {
            if (less(a, i, first, c)) {
                T v = a.get(i);
                for (int k = i; k > first; k--) {
                    a.set(k, a.get(k - 1));
                }
                a.set(first, v);
            } else {
                unguardedLinearInsert(a, i, c);
            }
        }
    }

    private static <T> void unguardedLinearInsert(List<T> a, int last, Comparator<T> c) {
        T v = a.get(last);
        int next = last - 1;
        while (c.compare(v, a.get(next)) < 0) {
            a.set(last, a.get(next));
            last = next;
            next--;
        }
        a.set(last, v);
    }

    private static <T> void heapSort(List<T> a, int first, int last, Comparator<T> c) {
        int len = last - first;
        if (len >= 2) {
            int parent = (len - 2) / 2;
            while (true) {
                adjustHeap(a, first, parent, len, a.get(first + parent), c);
                if (parent == 0) {
                    break;
                }
                parent--;
            }
        }
        while (last - first > 1) {
            last--;
            T v = a.get(last);
            a.set(last, a.get(first));
            adjustHeap(a, first, 0, last - first, v, c);
        }
    }

    private static <T> void adjustHeap(List<T> a, int first, int hole, int len, T value, Comparator<T> c) {
        int top = hole;
        int second = hole;
        while (second < (len - 1) / 2) {
            second = 2 * (second + 1);
            if (c.compare(a.get(first + second), a.get(first + second - 1)) < 0) {
                second--;
            }
            a.set(first + hole, a.get(first + second));
            hole = second;
        }
        if ((len & 1) == 0 && second == (len - 2) / 2) {
            second = 2 * (second + 1);
            a.set(first + hole, a.get(first + second - 1));
            hole = second - 1;
        }
        int parent = (hole - 1) / 2;
        while (hole > top && c.compare(a.get(first + parent), value) < 0) {
            a.set(first + hole, a.get(first + parent));
            hole = parent;
            parent = (hole - 1) / 2;
        }
        a.set(first + hole, value);
    }
}
