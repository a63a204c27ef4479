/**
 * How the command line's results are written for people and pipelines: the rules judge, these
 * renderers only format what they judged (text, JSON, SARIF 2.1.0, JUnit XML, CSV). Nothing here
 * decides a verdict; {@link org.candor.cli.output.FailOn} only reads the findings to pick an exit code.
 */
package org.candor.cli.output;
