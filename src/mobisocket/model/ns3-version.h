/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_NS3_VERSION_H
#define MOBISOCKET_NS3_VERSION_H

#include <string>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The version of the ns-3 this module was compiled against.
 * \return e.g. "ns-3.37", or "ns-3" when the build does not record its
 *         version (ns3/version-defines.h is absent)
 */
std::string GetNs3Version();

} // namespace ns3

#endif /* MOBISOCKET_NS3_VERSION_H */
