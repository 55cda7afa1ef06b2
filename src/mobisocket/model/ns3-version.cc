/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3-version.h"

#include "ns3-compat.h"

#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif

namespace ns3
{

std::string
GetNs3Version()
{
    // The release the module was compiled against (the build says it); the
    // patch level where ns-3 records it (its version-defines.h, optional in
    // source trees).
    std::string version = "ns-3." + std::to_string(MOBISOCKET_NS3_VERSION % 100);
#if defined(NS3_VERSION_PATCH)
    if (NS3_VERSION_PATCH != 0)
    {
        version += "." + std::to_string(NS3_VERSION_PATCH);
    }
#endif
    return version;
}

} // namespace ns3
