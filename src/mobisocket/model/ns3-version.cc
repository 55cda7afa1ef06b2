/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3-version.h"

#if __has_include("ns3/version-defines.h")
#include "ns3/version-defines.h"
#endif

namespace ns3
{

std::string
GetNs3Version()
{
#ifdef NS3_VERSION_MAJOR
    return "ns-3." + std::to_string(NS3_VERSION_MINOR) +
           (NS3_VERSION_PATCH ? "." + std::to_string(NS3_VERSION_PATCH) : "");
#else
    return "ns-3";
#endif
}

} // namespace ns3
