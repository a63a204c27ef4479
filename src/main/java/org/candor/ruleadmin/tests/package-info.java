/**
 * The rule tests of {@code rules/tests}: reading the cases, running them against a rule set,
 * comparing a candidate's failures with those of the rules in force, and the gate that keeps a
 * rule set with new failures out of force.
 */
@NamedInterface("tests")
package org.candor.ruleadmin.tests;

import org.springframework.modulith.NamedInterface;
