/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "relocatable-socket-factory.h"

#include "relocatable-tcp-socket.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketRelocatableSocketFactory");

NS_OBJECT_ENSURE_REGISTERED(RelocatableSocketFactory);

TypeId
RelocatableSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RelocatableSocketFactory")
                            .SetParent<SocketFactory>()
                            .SetGroupName("MobiSocket");
    return tid;
}

RelocatableSocketFactory::RelocatableSocketFactory(TypeId socketType)
{
    m_socketFactory.SetTypeId(socketType);
}

void
RelocatableSocketFactory::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    m_socketFactory.Set(name, value);
}

Ptr<Socket>
RelocatableSocketFactory::CreateSocket()
{
    Ptr<Node> node = GetObject<Node>();
    NS_ABORT_MSG_IF(!node, GetInstanceTypeId().GetName() << " is not aggregated to a node");
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    NS_ABORT_MSG_IF(!tcp, "node " << node->GetId() << " has no TCP: install the Internet stack");

    TypeIdValue rttType;
    TypeIdValue congestionType;
    TypeIdValue recoveryType;
    tcp->GetAttribute("RttEstimatorType", rttType);
    tcp->GetAttribute("SocketType", congestionType);
    tcp->GetAttribute("RecoveryType", recoveryType);

    ObjectFactory rtt(rttType.Get().GetName());
    ObjectFactory congestion(congestionType.Get().GetName());
    ObjectFactory recovery(recoveryType.Get().GetName());

    Ptr<RelocatableTcpSocket> socket = m_socketFactory.Create<RelocatableTcpSocket>();
    socket->SetNode(node);
    socket->SetTcp(tcp);
    socket->SetRtt(rtt.Create<RttEstimator>());
    socket->SetCongestionControlAlgorithm(congestion.Create<TcpCongestionOps>());
    socket->SetRecoveryAlgorithm(recovery.Create<TcpRecoveryOps>());
    tcp->AddSocket(socket);
    return socket;
}

int64_t
RelocatableSocketFactory::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<MobilityDemux> demux = (*it)->GetObject<MobilityDemux>())
        {
            current += demux->AssignStreams(current);
        }
        if (Ptr<CryptoAgent> agent = (*it)->GetObject<CryptoAgent>())
        {
            current += agent->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
