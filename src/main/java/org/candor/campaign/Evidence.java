package org.candor.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** One piece of evidence; it counts as verified once someone named checked it on a date. */
public record Evidence(
        @NotNull EvidenceKind kind, String description, String reference, String verifiedBy, LocalDate verifiedOn) {

    @JsonIgnore
    public boolean isVerified() {
        return verifiedBy != null && !verifiedBy.isBlank() && verifiedOn != null;
    }
}
