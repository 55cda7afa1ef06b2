/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket-factory.h"

#include "mobi-socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(MobiSocketFactory);

TypeId
MobiSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MobiSocketFactory")
                            .SetParent<RelocatableSocketFactory>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<MobiSocketFactory>();
    return tid;
}

MobiSocketFactory::MobiSocketFactory()
    : RelocatableSocketFactory(MobiSocket::GetTypeId())
{
}

} // namespace ns3
