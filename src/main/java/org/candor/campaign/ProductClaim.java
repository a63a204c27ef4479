package org.candor.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A claim a post makes about the product, with what substantiates it. */
public record ProductClaim(@NotBlank String statement, List<@NotNull @Valid Evidence> substantiation) {

    public ProductClaim {
        substantiation = Lists.of(substantiation);
    }
}
