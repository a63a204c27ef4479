/**
 * How rule sets change: edits of the rules folder and their history ({@link
 * org.candor.rules.change.RuleChanges}, {@link org.candor.rules.change.RuleHistory}), snapshots of
 * earlier rule sets, diffs, rule sets in the database and how instances take them ({@link
 * org.candor.rules.change.RuleStore}, {@link org.candor.rules.change.RuleSetSync}), and the
 * folder watcher.
 */
@NamedInterface("change")
package org.candor.rules.change;

import org.springframework.modulith.NamedInterface;
