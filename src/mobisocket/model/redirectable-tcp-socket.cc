/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#define NS_LOG_APPEND_CONTEXT                                                                      \
    if (GetNode())                                                                                 \
    {                                                                                              \
        std::clog << " [node " << GetNode()->GetId() << "] ";                                      \
    }

#include "redirectable-tcp-socket.h"

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

#if MOBISOCKET_OBJECT_OVERRIDES_INSTANCE_TYPE_ID
TypeId
RedirectableTcpSocket::GetInstanceTypeId() const
{
    return RedirectableTcpSocket::GetTypeId();
}
#endif

RedirectableTcpSocket::RedirectableTcpSocket()
    : RelocatableTcpSocket()
{
    NS_LOG_FUNCTION(this);
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
    return m_opener;
}

int
RedirectableTcpSocket::Connect(const Address& address)
{
    if (GetState() == CLOSED)
    {
        m_opener = true;
    }
    return RelocatableTcpSocket::Connect(address);
}

bool
RedirectableTcpSocket::CheckRedirect(Ipv4Address address, const char* what) const
{
    if (!IsFamilySupported(GetFamily()))
    {
        NS_LOG_WARN(what << ": the scheme is not offered on this connection's family");
        SetErrno(ERROR_AFNOSUPPORT);
        return false;
    }
    if (!IsSynchronized())
    {
        NS_LOG_WARN(what << ": the socket has no connection");
        SetErrno(ERROR_NOTCONN);
        return false;
    }
    if (!m_prepared)
    {
        NS_LOG_WARN(what << ": the connection was not prepared by the daemon");
        SetErrno(ERROR_OPNOTSUPP);
        return false;
    }
    if (!IpAddress(address).IsGlobalHost())
    {
        NS_LOG_WARN(what << ": " << address << " cannot identify a host");
        SetErrno(ERROR_INVAL);
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
        SetErrno(ERROR_ADDRNOTAVAIL);
        return -1;
    }
    if (address == GetLocalAddress())
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
    if (address == GetPeerAddress() && (port == 0 || port == GetPeerPort()))
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
    if (!IsFamilySupported(GetFamily()))
    {
        NS_LOG_WARN("Resume: the scheme is not offered on this connection's family");
        SetErrno(ERROR_AFNOSUPPORT);
        return -1;
    }
    if (!IsSynchronized())
    {
        SetErrno(ERROR_NOTCONN);
        return -1;
    }
    RestartTransmission();
    return 0;
}

void
RedirectableTcpSocket::RecordRejected(MobilityControlHeader::MessageType /* type */,
                                      ChangeRejectReason reason)
{
    ++m_rejects.at(static_cast<std::size_t>(reason));
}

uint32_t
RedirectableTcpSocket::GetRejectCount(ChangeRejectReason reason) const
{
    return m_rejects.at(static_cast<std::size_t>(reason));
}

} // namespace ns3
