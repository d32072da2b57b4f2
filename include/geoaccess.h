/* geoaccess: accessibility to health care, from commune polygons, facilities
 * and travel costs (straight-line model or road graph).
 *
 * Incompatible changes to the declarations below require a new major version.
 */
#ifndef GEOACCESS_H
#define GEOACCESS_H

#include "geoaccess/core.h"
#include "geoaccess/table.h"
#include "geoaccess/layer.h"
#include "geoaccess/od.h"
#include "geoaccess/route.h"
#include "geoaccess/graph.h"
#include "geoaccess/measure.h"
#include "geoaccess/nearest.h"
#include "geoaccess/result.h"
#include "geoaccess/map.h"
#include "geoaccess/catchment.h"
#include "geoaccess/zones.h"
#include "geoaccess/scenario.h"
#include "geoaccess/vulnerability.h"
#include "geoaccess/output.h"
#include "geoaccess/study.h"

#endif
