/* Private to the engine: the GEOS polygon of a catchment (for the map).
 * OWNER: catchments (issue 5). */
#ifndef GA_CATCHMENT_PRIVATE_H
#define GA_CATCHMENT_PRIVATE_H

#include "core/internal.h"

/* Transfer none; owned by the catchment set. */
const GEOSGeometry *ga_catchments_geometry(const ga_catchments *c, size_t i);

#endif
