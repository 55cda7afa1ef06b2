/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-socket-factory.h"

#include "tcp-r-socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpRSocketFactory);

TypeId
TcpRSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpRSocketFactory")
                            .SetParent<RelocatableSocketFactory>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<TcpRSocketFactory>();
    return tid;
}

TcpRSocketFactory::TcpRSocketFactory()
    : RelocatableSocketFactory(TcpRSocket::GetTypeId())
{
}

} // namespace ns3
