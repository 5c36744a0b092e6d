/* The builder's verbs over the manifests alone (kit-builder/facts.c). */
#ifndef ACSKIT_FACTS_H
#define ACSKIT_FACTS_H

/* acskit-build lint [--manifests DIR]: every manifest parses (with the lint)
 * and the set is consistent. Returns an exit code; names every bad file. */
int cmd_lint(int argc, char **argv);
/* acskit-build facts [--manifests DIR] [-o FILE]: docs/facts.md from the
 * manifests, to FILE (written whole, then renamed) or stdout. */
int cmd_facts(int argc, char **argv);

#endif
