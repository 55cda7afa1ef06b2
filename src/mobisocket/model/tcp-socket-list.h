/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SOCKET_LIST_H
#define TCP_SOCKET_LIST_H

#include "ns3/node.h"
#include "ns3/object-vector.h"
#include "ns3/tcp-l4-protocol.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The TCP sockets of one class on a node: TcpL4Protocol's
 *        SocketList (bound or connected sockets).
 * \tparam T the socket class
 * \param node the node
 * \return the sockets, in the order TCP lists them
 */
template <class T>
std::vector<Ptr<T>>
GetTcpSockets(Ptr<Node> node)
{
    std::vector<Ptr<T>> sockets;
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    if (!tcp)
    {
        return sockets;
    }
    ObjectVectorValue list;
    tcp->GetAttribute("SocketList", list);
    for (auto it = list.Begin(); it != list.End(); ++it)
    {
        if (Ptr<T> socket = DynamicCast<T>(it->second))
        {
            sockets.push_back(socket);
        }
    }
    return sockets;
}

} // namespace ns3

#endif /* TCP_SOCKET_LIST_H */
