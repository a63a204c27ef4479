package org.candor.campaign;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Absent lists read as empty; null elements are kept so that validation can name them. */
final class Lists {
    private Lists() {}

    static <T> List<T> of(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
