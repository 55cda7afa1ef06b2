/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scoped-attribute-defaults.h"

#include "ns3/abort.h"
#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/type-id.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScopedAttributeDefaults");

namespace
{

/**
 * \param path "ns3::TypeName::AttributeName"
 * \return the attribute's default now, or nullptr if there is no such attribute
 */
Ptr<const AttributeValue>
CurrentDefault(const std::string& path)
{
    std::string::size_type split = path.rfind("::");
    if (split == std::string::npos)
    {
        return nullptr;
    }
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(path.substr(0, split), &tid))
    {
        return nullptr;
    }
    // Config::SetDefault looks at the type's own attributes only; so does this.
    std::string name = path.substr(split + 2);
    for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        if (tid.GetAttribute(i).name == name)
        {
            return tid.GetAttribute(i).initialValue;
        }
    }
    return nullptr;
}

} // namespace

ScopedAttributeDefaults::~ScopedAttributeDefaults()
{
    for (auto it = m_previous.rbegin(); it != m_previous.rend(); ++it)
    {
        Config::SetDefault(it->first, *it->second);
    }
}

void
ScopedAttributeDefaults::Set(const std::string& path, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << path);
    Ptr<const AttributeValue> previous = CurrentDefault(path);
    NS_ABORT_MSG_IF(!previous, "ScopedAttributeDefaults: no attribute " << path);
    NS_ABORT_MSG_UNLESS(Config::SetDefaultFailSafe(path, value),
                        "ScopedAttributeDefaults: the value does not fit " << path);
    m_previous.emplace_back(path, previous);
}

} // namespace ns3
