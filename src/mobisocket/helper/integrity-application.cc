/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "integrity-application.h"

#include "ns3/address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketIntegrityApplication");

NS_OBJECT_ENSURE_REGISTERED(IntegrityApplication);

TypeId
IntegrityApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IntegrityApplication")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<IntegrityApplication>()
            .AddAttribute("Protocol",
                          "The socket factory to use (ns3::TcpSocketFactory, "
                          "ns3::MobiSocketFactory, ...).",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&IntegrityApplication::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute("Remote",
                          "Address to connect to; leave unset to listen on Local.",
                          AddressValue(),
                          MakeAddressAccessor(&IntegrityApplication::m_remote),
                          MakeAddressChecker())
            .AddAttribute("Local",
                          "Address to listen on when Remote is unset.",
                          AddressValue(),
                          MakeAddressAccessor(&IntegrityApplication::m_local),
                          MakeAddressChecker())
            .AddAttribute("SendBytes",
                          "Bytes of the pattern to send (0: send nothing).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&IntegrityApplication::m_sendBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("ChunkBytes",
                          "Bytes handed to the socket per Send() call.",
                          UintegerValue(1448),
                          MakeUintegerAccessor(&IntegrityApplication::m_chunkBytes),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("DataRate",
                          "Rate of a constant-rate stream; 0 sends in bulk.",
                          DataRateValue(DataRate(0)),
                          MakeDataRateAccessor(&IntegrityApplication::m_streamRate),
                          MakeDataRateChecker())
            .AddTraceSource("Rx",
                            "Data received, with the stream offset of its first byte.",
                            MakeTraceSourceAccessor(&IntegrityApplication::m_rxTrace),
                            "ns3::IntegrityApplication::RxTracedCallback")
            .AddTraceSource("Connected",
                            "The connection is established (connected or accepted).",
                            MakeTraceSourceAccessor(&IntegrityApplication::m_connectedTrace),
                            "ns3::Socket::TracedCallback");
    return tid;
}

IntegrityApplication::IntegrityApplication()
{
}

uint8_t
IntegrityApplication::StreamPattern(uint64_t offset)
{
    // splitmix64 of the 32-bit word index, one byte per position in the word
    uint64_t z = (offset >> 2) + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<uint8_t>(z >> ((offset & 3) * 8));
}

Ptr<Socket>
IntegrityApplication::GetSocket() const
{
    return m_socket;
}

uint64_t
IntegrityApplication::GetBytesSent() const
{
    return m_sent;
}

uint64_t
IntegrityApplication::GetBytesReceived() const
{
    return m_received;
}

bool
IntegrityApplication::IsIntact() const
{
    return m_firstMismatch < 0;
}

int64_t
IntegrityApplication::GetFirstMismatch() const
{
    return m_firstMismatch;
}

bool
IntegrityApplication::HasFailed() const
{
    return m_failed;
}

bool
IntegrityApplication::IsClosed() const
{
    return m_closed;
}

Time
IntegrityApplication::GetDueTime(uint64_t offset) const
{
    if (m_streamRate.GetBitRate() == 0)
    {
        return m_streamStart;
    }
    return m_streamStart +
           m_streamRate.CalculateBytesTxTime(m_chunkBytes) * double(offset / m_chunkBytes);
}

void
IntegrityApplication::DoDispose()
{
    m_streamEvent.Cancel();
    m_socket = nullptr;
    m_listener = nullptr;
    Application::DoDispose();
}

void
IntegrityApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), m_protocol);
    if (!m_remote.IsInvalid())
    {
        // Bind in the remote's family: a socket bound by Bind() has an IPv4
        // endpoint, and TcpSocketBase sends on it even after an IPv6 Connect.
        int bound = Inet6SocketAddress::IsMatchingType(m_remote) ? socket->Bind6() : socket->Bind();
        if (bound != 0 || socket->Connect(m_remote) != 0)
        {
            NS_LOG_WARN("cannot connect to " << m_remote << ": errno " << socket->GetErrno());
            m_failed = true;
            return;
        }
        socket->SetConnectCallback(MakeCallback(&IntegrityApplication::Connected, this),
                                   MakeCallback(&IntegrityApplication::ConnectFailed, this));
        Adopt(socket);
        return;
    }
    if (socket->Bind(m_local) != 0 || socket->Listen() != 0)
    {
        NS_LOG_WARN("cannot listen on " << m_local << ": errno " << socket->GetErrno());
        m_failed = true;
        return;
    }
    socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                              MakeCallback(&IntegrityApplication::Accepted, this));
    m_listener = socket;
}

void
IntegrityApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_streamEvent.Cancel();
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
IntegrityApplication::SetSocket(Ptr<Socket> socket)
{
    Adopt(socket);
    Fill(socket, socket->GetTxAvailable());
}

void
IntegrityApplication::Adopt(Ptr<Socket> socket)
{
    m_socket = socket;
    socket->SetRecvCallback(MakeCallback(&IntegrityApplication::Receive, this));
    socket->SetSendCallback(MakeCallback(&IntegrityApplication::Fill, this));
    socket->SetCloseCallbacks(MakeCallback(&IntegrityApplication::PeerClosed, this),
                              MakeCallback(&IntegrityApplication::ErrorClosed, this));
}

void
IntegrityApplication::StartSending(Ptr<Socket> socket)
{
    m_streamStart = Simulator::Now();
    if (m_streamRate.GetBitRate() > 0)
    {
        StreamTick();
    }
    else
    {
        Fill(socket, socket->GetTxAvailable());
    }
}

void
IntegrityApplication::StreamTick()
{
    if (m_due >= m_sendBytes)
    {
        return;
    }
    m_due = std::min<uint64_t>(m_due + m_chunkBytes, m_sendBytes);
    Fill(m_socket, m_socket->GetTxAvailable());
    m_streamEvent = Simulator::Schedule(m_streamRate.CalculateBytesTxTime(m_chunkBytes),
                                        &IntegrityApplication::StreamTick,
                                        this);
}

void
IntegrityApplication::Connected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_connectedTrace(socket);
    StartSending(socket);
}

void
IntegrityApplication::ConnectFailed(Ptr<Socket> socket)
{
    NS_LOG_WARN("connection to " << m_remote << " failed");
    m_failed = true;
}

void
IntegrityApplication::Accepted(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    if (m_socket)
    {
        NS_LOG_WARN("a second connection from " << from << " is ignored");
        return;
    }
    Adopt(socket);
    m_connectedTrace(socket);
    StartSending(socket);
}

void
IntegrityApplication::Fill(Ptr<Socket> socket, uint32_t available)
{
    if (socket != m_socket)
    {
        return;
    }
    uint64_t limit = m_streamRate.GetBitRate() > 0 ? m_due : m_sendBytes;
    std::vector<uint8_t> chunk;
    while (m_sent < limit && available > 0)
    {
        uint32_t size =
            static_cast<uint32_t>(std::min<uint64_t>({limit - m_sent, available, m_chunkBytes}));
        chunk.resize(size);
        for (uint32_t i = 0; i < size; ++i)
        {
            chunk[i] = StreamPattern(m_sent + i);
        }
        int accepted = socket->Send(Create<Packet>(chunk.data(), size));
        if (accepted <= 0)
        {
            break;
        }
        m_sent += accepted;
        available = socket->GetTxAvailable();
    }
}

void
IntegrityApplication::Receive(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    std::vector<uint8_t> bytes;
    while ((packet = socket->Recv()) && packet->GetSize() > 0)
    {
        uint32_t size = packet->GetSize();
        bytes.resize(size);
        packet->CopyData(bytes.data(), size);
        if (m_firstMismatch < 0)
        {
            for (uint32_t i = 0; i < size; ++i)
            {
                if (bytes[i] != StreamPattern(m_received + i))
                {
                    m_firstMismatch = static_cast<int64_t>(m_received + i);
                    NS_LOG_WARN("stream corrupted at offset " << m_firstMismatch);
                    break;
                }
            }
        }
        m_rxTrace(packet, m_received);
        m_received += size;
    }
}

void
IntegrityApplication::PeerClosed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_closed = true;
}

void
IntegrityApplication::ErrorClosed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_failed = true;
}

} // namespace ns3
