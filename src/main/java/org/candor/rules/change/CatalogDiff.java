package org.candor.rules.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.candor.rules.RuleMeta;

/**
 * How one catalog differs from another: rules added, removed, and changed (with the metadata
 * fields that changed).
 */
public record CatalogDiff(List<String> added, List<String> removed, Map<String, List<String>> changed) {

    @JsonIgnore
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    public static CatalogDiff between(List<RuleMeta> before, List<RuleMeta> after) {
        Map<String, RuleMeta> old = new LinkedHashMap<>();
        before.forEach(m -> old.put(m.id(), m));
        Map<String, RuleMeta> now = new LinkedHashMap<>();
        after.forEach(m -> now.put(m.id(), m));
        List<String> added =
                now.keySet().stream().filter(id -> !old.containsKey(id)).toList();
        List<String> removed =
                old.keySet().stream().filter(id -> !now.containsKey(id)).toList();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (RuleMeta b : old.values()) {
            RuleMeta a = now.get(b.id());
            if (a == null) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            compare(fields, "title", b.title(), a.title());
            compare(fields, "category", b.category(), a.category());
            compare(fields, "severity", b.severity(), a.severity());
            compare(fields, "source", b.source(), a.source());
            compare(fields, "remediation", b.remediation(), a.remediation());
            compare(fields, "scope", b.scopes(), a.scopes());
            compare(fields, "jurisdiction", b.jurisdictions(), a.jurisdictions());
            if (!fields.isEmpty()) {
                changed.put(b.id(), List.copyOf(fields));
            }
        }
        return new CatalogDiff(added, removed, changed);
    }

    private static void compare(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name + ": " + before + " → " + after);
        }
    }
}
