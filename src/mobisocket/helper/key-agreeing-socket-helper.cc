/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "key-agreeing-socket-helper.h"

#include "ns3/abort.h"

namespace ns3
{

KeyAgreeingSocketHelper::KeyAgreeingSocketHelper(TypeId socketType)
    : m_socketType(socketType)
{
}

void
KeyAgreeingSocketHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    struct TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(m_socketType.LookupAttributeByName(name, &info),
                        m_socketType.GetName() << " has no attribute \"" << name << "\"");
    m_socketAttributes[name] = value.Copy();
}

void
KeyAgreeingSocketHelper::NotifyAddressLost(Ptr<Node> node)
{
    KeyAgreeingTcpSocket::NotifyAddressLost(node);
}

uint32_t
KeyAgreeingSocketHelper::NotifyNewAddress(Ptr<Node> node, Ipv4Address address)
{
    return KeyAgreeingTcpSocket::NotifyNewAddress(node, address);
}

} // namespace ns3
