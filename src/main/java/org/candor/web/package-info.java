/**
 * The web pages for the three kinds of user: agencies submit campaigns and read their results,
 * managers oversee every evaluation and download reports, compliance officers keep the rules and
 * grant waivers. Server-rendered with Thymeleaf; the pages call the same services as the API.
 */
package org.candor.web;
