/* Point layers, private to the engine: the setters the readers and the
 * assignment to communes use (the type and its accessors are public:
 * geoaccess/layer.h). */
#ifndef GA_LAYER_POINTS_H
#define GA_LAYER_POINTS_H

#include "geoaccess.h"

void ga_points_set_commune(ga_points *p, size_t i, long commune);
void ga_points_set_xy(ga_points *p, size_t i, double x, double y);

#endif
