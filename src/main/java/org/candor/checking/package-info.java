/**
 * What checks a campaign, built in one place ({@link org.candor.checking.CheckParts}): the
 * service's configuration and the command line take their readers, evaluator, loader and writer
 * from here.
 */
package org.candor.checking;
