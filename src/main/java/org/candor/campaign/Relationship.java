package org.candor.campaign;

import jakarta.validation.constraints.NotNull;

/** The influencer's tie with the brand. */
public record Relationship(
        @NotNull RelationshipKind kind, Boolean brandControlsContent, Boolean forbidsNegativeOpinion) {}
