/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobi-socket-factory.h"

#include "mobi-socket.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MobiSocketFactory");

NS_OBJECT_ENSURE_REGISTERED(MobiSocketFactory);

TypeId
MobiSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MobiSocketFactory")
                            .SetParent<SocketFactory>()
                            .SetGroupName("MobiSocket")
                            .AddConstructor<MobiSocketFactory>();
    return tid;
}

MobiSocketFactory::MobiSocketFactory()
{
    m_socketFactory.SetTypeId(MobiSocket::GetTypeId());
}

void
MobiSocketFactory::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    m_socketFactory.Set(name, value);
}

Ptr<Socket>
MobiSocketFactory::CreateSocket()
{
    Ptr<Node> node = GetObject<Node>();
    NS_ABORT_MSG_IF(!node, "MobiSocketFactory is not aggregated to a node");
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

    Ptr<MobiSocket> socket = m_socketFactory.Create<MobiSocket>();
    socket->SetNode(node);
    socket->SetTcp(tcp);
    socket->SetRtt(rtt.Create<RttEstimator>());
    socket->SetCongestionControlAlgorithm(congestion.Create<TcpCongestionOps>());
    socket->SetRecoveryAlgorithm(recovery.Create<TcpRecoveryOps>());
    tcp->AddSocket(socket);
    return socket;
}

} // namespace ns3
