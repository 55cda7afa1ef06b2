/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "plain-tcp-scheme.h"

#include "ns3/tcp-socket-factory.h"

namespace ns3
{

PlainTcpScheme::PlainTcpScheme(const SchemeParameters& parameters)
    : MobilityScheme(parameters)
{
}

std::string
PlainTcpScheme::GetName() const
{
    return "tcp";
}

TypeId
PlainTcpScheme::GetSocketFactory() const
{
    return TcpSocketFactory::GetTypeId();
}

bool
PlainTcpScheme::RunsOnIpv6() const
{
    return true;
}

} // namespace ns3
