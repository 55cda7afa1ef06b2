/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-helper.h"

#include "ns3/tcp-migrate-socket-factory.h"

namespace ns3
{

TcpMigrateHelper::TcpMigrateHelper()
    : KeyAgreeingSocketHelper(TcpMigrateSocket::GetTypeId())
{
}

void
TcpMigrateHelper::Install(NodeContainer nodes) const
{
    InstallFactory<TcpMigrateSocketFactory>(nodes);
}

} // namespace ns3
