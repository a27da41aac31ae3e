/**
 * Classes that break every rule of {@code ArchitectureRules} on purpose, laid out like the client's
 * packages, so that {@code ArchitectureRulesFailTest} can show each rule failing.
 */
package io.github.incus4j.archfixture;
