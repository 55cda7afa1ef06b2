/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PLAIN_TCP_SCHEME_H
#define PLAIN_TCP_SCHEME_H

#include "mobility-scheme.h"

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief Plain TCP (ns-3's TcpSocketBase, protocol=tcp): nothing keeps the
 *        connection; it stalls on its old address and eventually aborts.
 */
class PlainTcpScheme : public MobilityScheme
{
  public:
    /// \param parameters the scheme's parameters (kept by reference)
    explicit PlainTcpScheme(const SchemeParameters& parameters);

    std::string GetName() const override;
    TypeId GetSocketFactory() const override;
    /// \return true: ns-3's TCP runs on IPv6 (and keeps nothing there either)
    bool RunsOnIpv6() const override;
};

} // namespace ns3

#endif /* PLAIN_TCP_SCHEME_H */
