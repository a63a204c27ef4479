package org.candor.intake;

import java.util.List;
import org.candor.system.Account;
import org.candor.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Evaluations as a signed-in user may see them: an agency only its own (another agency's answers
 * "not found", as one that does not exist), officers and managers all. The API and the web pages
 * both read through here; their workbooks are in {@code org.candor.report.Reports}.
 */
@Service
public class Evaluations {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final SubmissionStore store;

    public Evaluations(SubmissionStore store) {
        this.store = store;
    }

    /**
     * One evaluation, if the account may see it.
     *
     * @throws NotFoundException when there is none, or it is another agency's
     */
    public StoredEvaluation visible(String id, Account account) {
        return store.evaluation(id)
                .filter(e -> account.canSee(e.agency()))
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    /** A page of evaluations, in the query's order; an agency's query is limited to its own agency. */
    public Page<EvaluationSummary> list(EvaluationQuery query, int page, int size, Account account) {
        return store.list(account.isAgency() ? query.withAgency(account.agency()) : query, page, size);
    }

    /** When each evaluation the query matches was made, and its verdict; an agency sees its own. */
    public List<SubmissionStore.VerdictAt> verdicts(EvaluationQuery query, Account account) {
        return store.verdicts(account.isAgency() ? query.withAgency(account.agency()) : query);
    }

    /** The agencies an account may filter by: its own, or every agency with an evaluation. */
    public List<String> agencies(Account account) {
        return account.isAgency() ? List.of(account.agency()) : store.agencies();
    }

    /** The brands an account may filter by. */
    public List<String> brands(Account account) {
        return store.brands(account.isAgency() ? account.agency() : null);
    }
}
