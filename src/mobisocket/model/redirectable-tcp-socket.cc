/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (m_node)                                                                                    \
    {                                                                                              \
        std::clog << " [node " << m_node->GetId() << "] ";                                         \
    }

#include "redirectable-tcp-socket.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRedirectableTcpSocket");

NS_OBJECT_ENSURE_REGISTERED(RedirectableTcpSocket);

TypeId
RedirectableTcpSocket::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RedirectableTcpSocket")
                            .SetParent<RelocatableTcpSocket>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<RedirectableTcpSocket>();
    return tid;
}

TypeId
RedirectableTcpSocket::GetInstanceTypeId() const
{
    return RedirectableTcpSocket::GetTypeId();
}

RedirectableTcpSocket::RedirectableTcpSocket()
    : RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
    // No negotiation: the kernel extension leaves TCP's wire format alone.
    SetNegotiationExid(0);
}

RedirectableTcpSocket::RedirectableTcpSocket(const RedirectableTcpSocket& other)
    : RelocatableTcpSocket(other),
      m_prepared(false)
{
    NS_LOG_FUNCTION(this);
}

RedirectableTcpSocket::~RedirectableTcpSocket()
{
    NS_LOG_FUNCTION(this);
}

Ptr<TcpSocketBase>
RedirectableTcpSocket::Fork()
{
    return CopyObject<RedirectableTcpSocket>(this);
}

void
RedirectableTcpSocket::SetPrepared(bool prepared)
{
    NS_LOG_FUNCTION(this << prepared);
    m_prepared = prepared;
}

bool
RedirectableTcpSocket::IsPrepared() const
{
    return m_prepared;
}

bool
RedirectableTcpSocket::IsRetentionActive() const
{
    return m_prepared;
}

bool
RedirectableTcpSocket::IsActiveOpener() const
{
    return IsInitiator();
}

Ipv4Address
RedirectableTcpSocket::GetLocalAddress() const
{
    return m_endPoint ? m_endPoint->GetLocalAddress() : Ipv4Address::GetAny();
}

uint16_t
RedirectableTcpSocket::GetLocalPort() const
{
    return m_endPoint ? m_endPoint->GetLocalPort() : 0;
}

Ipv4Address
RedirectableTcpSocket::GetPeerAddress() const
{
    return m_endPoint ? m_endPoint->GetPeerAddress() : Ipv4Address::GetAny();
}

uint16_t
RedirectableTcpSocket::GetPeerPort() const
{
    return m_endPoint ? m_endPoint->GetPeerPort() : 0;
}

bool
RedirectableTcpSocket::CheckRedirect(Ipv4Address address, const char* what) const
{
    if (m_endPoint6 != nullptr)
    {
        NS_LOG_WARN(what << ": IPv6 connections are not supported");
        m_errno = ERROR_AFNOSUPPORT;
        return false;
    }
    if (!IsSynchronized())
    {
        NS_LOG_WARN(what << ": the socket has no connection");
        m_errno = ERROR_NOTCONN;
        return false;
    }
    if (!m_prepared)
    {
        NS_LOG_WARN(what << ": the connection was not prepared by the daemon");
        m_errno = ERROR_OPNOTSUPP;
        return false;
    }
    if (!IsHostAddress(address))
    {
        NS_LOG_WARN(what << ": " << address << " cannot identify a host");
        m_errno = ERROR_INVAL;
        return false;
    }
    return true;
}

int
RedirectableTcpSocket::RedirectSource(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (!CheckRedirect(address, "RedirectSource"))
    {
        return -1;
    }
    if (!GetDeviceForAddress(address))
    {
        NS_LOG_WARN("RedirectSource: " << address << " is not assigned to this node");
        m_errno = ERROR_ADDRNOTAVAIL;
        return -1;
    }
    if (address == m_endPoint->GetLocalAddress())
    {
        return 0;
    }
    if (!RelocateLocal(address, 0))
    {
        NS_LOG_WARN("RedirectSource: the new 4-tuple is in use");
        return -1;
    }
    return 0;
}

int
RedirectableTcpSocket::RedirectDestination(Ipv4Address address, uint16_t port)
{
    NS_LOG_FUNCTION(this << address << port);
    if (!CheckRedirect(address, "RedirectDestination"))
    {
        return -1;
    }
    if (address == m_endPoint->GetPeerAddress() && (port == 0 || port == m_endPoint->GetPeerPort()))
    {
        return 0;
    }
    if (!RelocatePeer(address, port))
    {
        NS_LOG_WARN("RedirectDestination: the new 4-tuple is in use");
        return -1;
    }
    return 0;
}

int
RedirectableTcpSocket::Resume()
{
    NS_LOG_FUNCTION(this);
    if (!IsSynchronized())
    {
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    RestartTransmission();
    return 0;
}

void
RedirectableTcpSocket::AnnounceRedirect()
{
    NotifyChangeAnnounced();
}

void
RedirectableTcpSocket::ConfirmRedirect()
{
    NotifyChangeConfirmed();
}

void
RedirectableTcpSocket::RecordRejected(MobilityControlHeader::MessageType type, RejectReason reason)
{
    Reject(type, reason);
}

} // namespace ns3
