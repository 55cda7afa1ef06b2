/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-helper.h"

#include "ns3/tcp-r-socket-factory.h"

namespace ns3
{

TcpRHelper::TcpRHelper()
    : KeyAgreeingSocketHelper(TcpRSocket::GetTypeId())
{
}

void
TcpRHelper::Install(NodeContainer nodes) const
{
    InstallFactory<TcpRSocketFactory>(nodes);
}

} // namespace ns3
