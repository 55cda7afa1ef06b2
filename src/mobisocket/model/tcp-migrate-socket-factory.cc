/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-migrate-socket-factory.h"

#include "tcp-migrate-socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpMigrateSocketFactory);

TypeId
TcpMigrateSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpMigrateSocketFactory")
                            .SetParent<RelocatableSocketFactory>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<TcpMigrateSocketFactory>();
    return tid;
}

TcpMigrateSocketFactory::TcpMigrateSocketFactory()
    : RelocatableSocketFactory(TcpMigrateSocket::GetTypeId())
{
}

} // namespace ns3
