package org.candor.campaign;

import jakarta.validation.constraints.NotNull;

/** Content a post takes from someone else. */
public record ReusedContent(
        @NotNull ReusedContentKind kind,
        String description,
        String owner,
        Boolean credited,
        Boolean licensed,
        Boolean consentObtained) {}
