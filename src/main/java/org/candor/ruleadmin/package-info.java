/**
 * What officers do to the rules, as the API, the pages and the command line call it: edits of
 * rule files and policy tables checked by the rule tests before they are put in force ({@link
 * org.candor.ruleadmin.RuleAdministration}, {@link org.candor.ruleadmin.PolicyTableEdits}).
 */
package org.candor.ruleadmin;
