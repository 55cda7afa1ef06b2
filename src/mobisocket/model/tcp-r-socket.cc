/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-r-socket.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketTcpR");

NS_OBJECT_ENSURE_REGISTERED(TcpRSocket);

TypeId
TcpRSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpRSocket")
            .SetParent<KeyAgreeingTcpSocket>()
            .SetGroupName("MobiSocket")
            .AddConstructor<TcpRSocket>()
            .AddTraceSource("TcpRState",
                            "The TCP-R state (NORMAL, DETACHED, REDIRECTING): HoldState.",
                            MakeTraceSourceAccessor(&TcpRSocket::m_holdState),
                            "ns3::TcpRSocket::TcpRStateTracedCallback");
    return tid;
}

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
TcpRSocket::GetInstanceTypeId() const
{
    return TcpRSocket::GetTypeId();
}
#endif

TcpRSocket::TcpRSocket()
    : KeyAgreeingTcpSocket()
{
    NS_LOG_FUNCTION(this);
    SetNegotiationExid(EXID);
    SetOffered(true);
    GetExchange()->SetMessageType(MobilityControlHeader::REDIRECT_REQUEST);
}

TcpRSocket::TcpRSocket(const TcpRSocket& other)
    : KeyAgreeingTcpSocket(other)
{
    NS_LOG_FUNCTION(this);
}

TcpRSocket::~TcpRSocket()
{
    NS_LOG_FUNCTION(this);
}

Ptr<TcpSocketBase>
TcpRSocket::Fork()
{
    return CopyObject<TcpRSocket>(this);
}

TcpRSocket::TcpRState
TcpRSocket::GetTcpRState() const
{
    return GetHoldState();
}

bool
TcpRSocket::IsTcpRActive() const
{
    return IsMobilityActive();
}

} // namespace ns3
