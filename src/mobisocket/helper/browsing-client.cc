/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "browsing-client.h"

#include "ns3/double.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketBrowsingClient");

NS_OBJECT_ENSURE_REGISTERED(BrowsingClient);

TypeId
BrowsingClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::BrowsingClient")
            .SetParent<Application>()
            .SetGroupName("MobiSocket")
            .AddConstructor<BrowsingClient>()
            .AddAttribute("Protocol",
                          "The socket factory to use.",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&BrowsingClient::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute("Remote",
                          "The server to connect to.",
                          AddressValue(),
                          MakeAddressAccessor(&BrowsingClient::m_remote),
                          MakeAddressChecker())
            .AddAttribute("Connections",
                          "How many connections to open.",
                          UintegerValue(20),
                          MakeUintegerAccessor(&BrowsingClient::m_connections),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PageBytes",
                          "Bytes each connection sends.",
                          UintegerValue(100000),
                          MakeUintegerAccessor(&BrowsingClient::m_pageBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MeanInterArrival",
                          "Mean gap between two connection openings (s, exponential).",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&BrowsingClient::m_meanInterArrival),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("MeanLifetime",
                          "Mean lifetime of a connection (s, Pareto).",
                          DoubleValue(30.0),
                          MakeDoubleAccessor(&BrowsingClient::m_meanLifetime),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("LifetimeShape",
                          "Pareto shape of the lifetimes (> 1; smaller: heavier tail).",
                          DoubleValue(1.5),
                          MakeDoubleAccessor(&BrowsingClient::m_lifetimeShape),
                          MakeDoubleChecker<double>(1.0001))
            .AddTraceSource("Opened",
                            "A connection completed its handshake.",
                            MakeTraceSourceAccessor(&BrowsingClient::m_openedTrace),
                            "ns3::Socket::TracedCallback");
    return tid;
}

BrowsingClient::BrowsingClient()
    : m_arrivals(CreateObject<ExponentialRandomVariable>()),
      m_lifetimes(CreateObject<ParetoRandomVariable>()),
      m_meanInterArrival(1.0),
      m_meanLifetime(30.0),
      m_lifetimeShape(1.5)
{
}

uint32_t
BrowsingClient::GetStarted() const
{
    return m_started;
}

uint32_t
BrowsingClient::GetOpened() const
{
    return m_opened;
}

uint32_t
BrowsingClient::GetCompleted() const
{
    return m_completed;
}

uint32_t
BrowsingClient::GetStalled() const
{
    return m_stalled;
}

uint32_t
BrowsingClient::GetFailed() const
{
    return m_failed;
}

const std::vector<std::pair<Time, Time>>&
BrowsingClient::GetConnectionTimes() const
{
    return m_times;
}

const std::vector<Time>&
BrowsingClient::GetCloseAcknowledged() const
{
    return m_closeAcked;
}

int64_t
BrowsingClient::AssignStreams(int64_t stream)
{
    m_arrivals->SetStream(stream);
    m_lifetimes->SetStream(stream + 1);
    return 2;
}

void
BrowsingClient::DoDispose()
{
    m_next.Cancel();
    m_unsent.clear();
    m_index.clear();
    Application::DoDispose();
}

void
BrowsingClient::StartApplication()
{
    m_arrivals->SetAttribute("Mean", DoubleValue(m_meanInterArrival));
    // Pareto mean = scale * shape / (shape - 1)
    m_lifetimes->SetAttribute(
        "Scale",
        DoubleValue(m_meanLifetime * (m_lifetimeShape - 1) / m_lifetimeShape));
    m_lifetimes->SetAttribute("Shape", DoubleValue(m_lifetimeShape));
    OpenNext();
}

void
BrowsingClient::StopApplication()
{
    m_next.Cancel();
}

void
BrowsingClient::OpenNext()
{
    if (m_started >= m_connections)
    {
        return;
    }
    ++m_started;
    NS_LOG_INFO("opening connection " << m_started << " of " << m_connections);
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), m_protocol);
    socket->SetConnectCallback(MakeCallback(&BrowsingClient::Connected, this),
                               MakeCallback(&BrowsingClient::Failed, this));
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeCallback(&BrowsingClient::Failed, this));
    // Bind in the remote's family (as IntegrityApplication does).
    int bound = Inet6SocketAddress::IsMatchingType(m_remote) ? socket->Bind6() : socket->Bind();
    if (bound != 0 || socket->Connect(m_remote) != 0)
    {
        NS_LOG_INFO("connection " << m_started << " cannot start: errno " << socket->GetErrno());
        ++m_failed;
    }
    m_next = Simulator::Schedule(Seconds(m_arrivals->GetValue()), &BrowsingClient::OpenNext, this);
}

void
BrowsingClient::Connected(Ptr<Socket> socket)
{
    ++m_opened;
    m_openedTrace(socket);
    m_unsent[socket] = m_pageBytes;
    socket->SetSendCallback(MakeCallback(&BrowsingClient::Fill, this));
    Fill(socket, socket->GetTxAvailable());
    Time lifetime = Seconds(m_lifetimes->GetValue());
    NS_LOG_INFO("connection " << m_opened << " opened, lifetime " << lifetime.As(Time::S));
    m_index[socket] = m_times.size();
    m_times.emplace_back(Simulator::Now(), lifetime);
    m_closeAcked.push_back(Seconds(-1));
    Simulator::Schedule(lifetime, &BrowsingClient::Finish, this, socket);
}

void
BrowsingClient::Failed(Ptr<Socket> socket)
{
    NS_LOG_INFO("connection failed or reset");
    ++m_failed;
    m_unsent.erase(socket);
    m_index.erase(socket);
}

void
BrowsingClient::Fill(Ptr<Socket> socket, uint32_t available)
{
    auto it = m_unsent.find(socket);
    while (it != m_unsent.end() && it->second > 0 && available > 0)
    {
        uint32_t size = std::min({it->second, available, 1448U});
        int sent = socket->Send(Create<Packet>(size));
        if (sent <= 0)
        {
            break;
        }
        it->second -= sent;
        available = socket->GetTxAvailable();
    }
}

void
BrowsingClient::Finish(Ptr<Socket> socket)
{
    auto it = m_unsent.find(socket);
    if (it == m_unsent.end())
    {
        return; // it failed meanwhile
    }
    UintegerValue buffer;
    socket->GetAttribute("SndBufSize", buffer);
    bool delivered = it->second == 0 && socket->GetTxAvailable() == buffer.Get();
    ++(delivered ? m_completed : m_stalled);
    m_unsent.erase(it);
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    auto index = m_index.find(socket);
    if (index != m_index.end())
    {
        // The closing socket outlives our hold on it: its trace keeps the
        // application alive (Ptr), not a pointer that may dangle.
        socket->TraceConnectWithoutContext(
            "State",
            MakeCallback(&BrowsingClient::ClosingStateChanged, Ptr<BrowsingClient>(this))
                .Bind(index->second));
        m_index.erase(index);
    }
    socket->Close();
}

void
BrowsingClient::ClosingStateChanged(size_t index,
                                    TcpSocket::TcpStates_t /* oldState */,
                                    TcpSocket::TcpStates_t newState)
{
    if ((newState == TcpSocket::FIN_WAIT_2 || newState == TcpSocket::TIME_WAIT) &&
        m_closeAcked[index].IsNegative())
    {
        m_closeAcked[index] = Simulator::Now();
    }
}

} // namespace ns3
