package org.candor.campaign;

import jakarta.validation.constraints.NotBlank;

/** A link in a post. */
public record Link(@NotBlank String url, Boolean affiliate) {}
