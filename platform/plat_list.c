/* The portable half of plat_list_dir: growing and freeing the list. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "plat.h"

int plat_dirlist_add(struct plat_dirlist *l, char *name, int regular)
{
	if (!name)
		return ENOMEM;
	if (l->count == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		char **nv = realloc(l->names, nc * sizeof *nv);
		unsigned char *nr;
		if (!nv) {
			free(name);
			return ENOMEM;
		}
		l->names = nv;
		nr = realloc(l->is_regular, nc);
		if (!nr) {
			free(name);
			return ENOMEM;
		}
		l->is_regular = nr;
		l->cap = nc;
	}
	l->names[l->count] = name;
	l->is_regular[l->count] = regular ? 1 : 0;
	l->count++;
	return 0;
}

void plat_dirlist_free(struct plat_dirlist *l)
{
	size_t i;
	for (i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	free(l->is_regular);
	memset(l, 0, sizeof *l);
}
