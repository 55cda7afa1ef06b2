/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "redirect-socket-factory.h"

#include "redirectable-tcp-socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(RedirectSocketFactory);

TypeId
RedirectSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RedirectSocketFactory")
                            .SetParent<RelocatableSocketFactory>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<RedirectSocketFactory>();
    return tid;
}

RedirectSocketFactory::RedirectSocketFactory()
    : RelocatableSocketFactory(RedirectableTcpSocket::GetTypeId())
{
}

} // namespace ns3
