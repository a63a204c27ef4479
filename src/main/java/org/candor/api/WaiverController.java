package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.candor.evaluation.Waiver;
import org.candor.intake.Evaluations;
import org.candor.intake.StoredEvaluation;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.waiver.WaiverService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Waivers: officers grant and end them; everyone sees those of what they may see. */
@RestController
@Tag(name = "Waivers")
class WaiverController {
    private final WaiverService waivers;
    private final Evaluations evaluations;
    private final Accounts accounts;

    WaiverController(WaiverService waivers, Evaluations evaluations, Accounts accounts) {
        this.waivers = waivers;
        this.evaluations = evaluations;
        this.accounts = accounts;
    }

    @Operation(summary = "Waive one finding of an evaluation; answers the evaluation with its recomputed verdict")
    @PostMapping(
            value = "/api/v1/evaluations/{id}/waivers",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredEvaluation> grant(
            @PathVariable String id, @RequestBody WaiverService.Request request, Authentication auth) {
        Account officer = accounts.of(auth);
        StoredEvaluation e;
        try {
            e = waivers.grant(id, request, officer);
        } catch (IllegalArgumentException refused) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + id)).body(e);
    }

    @Operation(summary = "The waivers applied to an evaluation")
    @GetMapping(value = "/api/v1/evaluations/{id}/waivers", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Waiver> ofEvaluation(@PathVariable String id, Authentication auth) {
        return evaluations.visible(id, accounts.of(auth)).result().waivers();
    }

    @Operation(summary = "Every waiver the caller may see, newest first")
    @GetMapping(value = "/api/v1/waivers", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Waiver> list(Authentication auth) {
        return waivers.visible(accounts.of(auth));
    }

    @Operation(
            summary = "End a waiver now: records who ended it and when (its expiry date stays as granted); the"
                    + " submission's newest evaluation is recomputed without it, and later ones no longer apply it")
    @PostMapping(value = "/api/v1/waivers/{id}/expire", produces = MediaType.APPLICATION_JSON_VALUE)
    Waiver expire(@PathVariable String id, Authentication auth) {
        return waivers.end(id, accounts.of(auth));
    }
}
